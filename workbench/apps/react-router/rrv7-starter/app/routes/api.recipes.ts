import type { Route } from './+types/api.recipes';
import { listRecipes } from '~/lib/recipes';

// A resource route: no component, so it answers with JSON.
export function loader({ request }: Route.LoaderArgs) {
  const q = new URL(request.url).searchParams.get('q');
  return Response.json({ recipes: listRecipes(q) });
}
