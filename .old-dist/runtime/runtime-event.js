export {};
//# sourceMappingURL=runtime-event.js.map