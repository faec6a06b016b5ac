import type { Route } from './+types/about';

export function meta(_: Route.MetaArgs) {
  return [{ title: 'About · Weeknight Recipes' }];
}

export default function About() {
  return (
    <>
      <h1>About</h1>
      <p>
        A React Router v7 app in framework mode: file routes listed in <code>app/routes.ts</code>, loaders
        that run on the server, and a resource route at <code>/api/recipes</code>.
      </p>
    </>
  );
}
