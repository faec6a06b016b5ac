import { type RouteConfig, index, route } from '@react-router/dev/routes';

export default [
  index('routes/home.tsx'),
  route('recipes', 'routes/recipes.tsx'),
  route('recipes/:slug', 'routes/recipe.tsx'),
  route('about', 'routes/about.tsx'),
  route('api/recipes', 'routes/api.recipes.ts'),
] satisfies RouteConfig;
