// the types of ./bundled.js, which stays plain JavaScript: the bin shim loads it before tsx
export function newest(path: string): number;
export function bundledEntry(): string | null;
