import { index, layout, prefix, route } from '@react-router/dev/routes';

export default [
  layout('routes/marketing-layout.jsx', [
    index('routes/home.jsx'),
    route('pricing', 'routes/pricing.jsx'),
    route('login', 'routes/login.jsx'),
  ]),
  ...prefix('app', [
    layout('routes/app-layout.jsx', [
      index('routes/app-dashboard.jsx'),
      route('team', 'routes/app-team.jsx'),
      route('settings', 'routes/app-settings.jsx'),
    ]),
  ]),
  route('logout', 'routes/logout.js'),
  route('api/plans', 'routes/api.plans.js'),
];
