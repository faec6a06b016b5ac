// A hash router: "#/customers" renders routes["/customers"] into the outlet.
export function createRouter(routes, outlet, onNavigate) {
  let cleanup = null;

  function render() {
    const path = window.location.hash.replace(/^#/, '') || '/';
    const page = routes[path] ?? notFound;
    if (typeof cleanup === 'function') cleanup();
    outlet.replaceChildren();
    cleanup = page(outlet);
    onNavigate(path);
    document.title = `${outlet.querySelector('h1')?.textContent ?? 'Dashboard'} · Acme`;
  }

  return {
    start() {
      window.addEventListener('hashchange', render);
      render();
    },
  };
}

function notFound(outlet) {
  outlet.innerHTML = '<h1>Not found</h1><p><a href="#/">Back to the overview</a></p>';
}
