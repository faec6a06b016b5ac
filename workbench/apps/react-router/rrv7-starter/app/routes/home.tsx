import { Link } from 'react-router';

import type { Route } from './+types/home';
import { RecipeCard } from '~/components/recipe-card';
import { listRecipes } from '~/lib/recipes';

export function meta(_: Route.MetaArgs) {
  return [
    { title: 'Weeknight Recipes' },
    { name: 'description', content: 'Quick recipes, rendered by React Router v7.' },
  ];
}

export function loader(_: Route.LoaderArgs) {
  const quickest = [...listRecipes()].sort((a, b) => a.minutes - b.minutes).slice(0, 2);
  return { quickest };
}

export default function Home({ loaderData }: Route.ComponentProps) {
  return (
    <>
      <h1>Dinner in under half an hour</h1>
      <p>
        The quickest of our recipes are below. <Link to="/recipes">See them all.</Link>
      </p>
      <div className="grid">
        {loaderData.quickest.map((recipe) => (
          <RecipeCard key={recipe.slug} recipe={recipe} />
        ))}
      </div>
    </>
  );
}
