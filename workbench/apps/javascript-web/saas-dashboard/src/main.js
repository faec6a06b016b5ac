import './style.css';
import { renderSidebar } from './components/sidebar.js';
import { createRouter } from './router.js';
import { overviewPage } from './pages/overview.js';
import { customersPage } from './pages/customers.js';
import { billingPage } from './pages/billing.js';
import { settingsPage } from './pages/settings.js';

const root = document.querySelector('#app');
root.innerHTML = `
  <aside class="sidebar"></aside>
  <main class="content"></main>
`;

const routes = {
  '/': overviewPage,
  '/customers': customersPage,
  '/billing': billingPage,
  '/settings': settingsPage,
};

const router = createRouter(routes, root.querySelector('.content'), (path) => {
  renderSidebar(root.querySelector('.sidebar'), path);
});

router.start();
