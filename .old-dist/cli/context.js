export function cliContext(surroundings, runtime) {
    return {
        ...surroundings,
        runtime,
        get config() {
            return runtime.config;
        },
        routeServer: runtime.routeServer,
        resolver: runtime.resolver,
        pops: runtime.pops,
    };
}
//# sourceMappingURL=context.js.map