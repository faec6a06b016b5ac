export default function About() {
  return (
    <>
      <h1>About</h1>
      <p>
        React Router v7 in data mode: <code>createBrowserRouter</code> with loaders, actions, fetchers and an
        error element, rendered by <code>RouterProvider</code>. Data is kept in localStorage.
      </p>
    </>
  );
}
