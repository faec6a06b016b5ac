// In-memory newsletter list; kept on globalThis so dev reloads do not empty it.
const store = (globalThis.__subscribers ??= new Set());

export function subscribe(email) {
  const isNew = !store.has(email);
  store.add(email);
  return isNew;
}

export function subscriberCount() {
  return store.size;
}
