const links = [
  { path: '/', label: 'Overview' },
  { path: '/customers', label: 'Customers' },
  { path: '/billing', label: 'Billing' },
  { path: '/settings', label: 'Settings' },
];

export function renderSidebar(container, activePath) {
  container.innerHTML = `
    <div class="brand">Acme</div>
    <nav>
      ${links
        .map(
          (link) =>
            `<a href="#${link.path}" class="${link.path === activePath ? 'active' : ''}">${link.label}</a>`,
        )
        .join('')}
    </nav>
  `;
}
