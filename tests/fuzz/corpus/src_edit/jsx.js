export const A = () => <div onClick={() => amp.init(`${"}"}`)}>don't {x}</div>;
const f = <T,>(a: T) => a / 2 / 1;
