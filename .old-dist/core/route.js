export const NO_ROUTE = Object.freeze({ kind: 'no-route' });
export function unreadable(message) {
    return { kind: 'unreadable', message };
}
//# sourceMappingURL=route.js.map