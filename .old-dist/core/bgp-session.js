export {};
//# sourceMappingURL=bgp-session.js.map