export interface Recipe {
  slug: string;
  title: string;
  minutes: number;
  ingredients: string[];
  steps: string[];
}

const recipes: Recipe[] = [
  {
    slug: 'shakshuka',
    title: 'Shakshuka',
    minutes: 30,
    ingredients: ['4 eggs', '1 can tomatoes', '1 onion', '1 red pepper', 'cumin', 'paprika'],
    steps: ['Soften the onion and pepper.', 'Add spices and tomatoes; simmer.', 'Crack in the eggs and cover.'],
  },
  {
    slug: 'pasta-aglio-olio',
    title: 'Pasta aglio e olio',
    minutes: 15,
    ingredients: ['200 g spaghetti', '4 cloves garlic', 'olive oil', 'chilli flakes', 'parsley'],
    steps: ['Boil the pasta.', 'Gently fry sliced garlic and chilli in oil.', 'Toss with pasta and parsley.'],
  },
  {
    slug: 'overnight-oats',
    title: 'Overnight oats',
    minutes: 5,
    ingredients: ['50 g oats', '150 ml milk', '1 tbsp yoghurt', 'berries'],
    steps: ['Mix oats, milk and yoghurt.', 'Chill overnight.', 'Top with berries.'],
  },
];

export function listRecipes(query?: string | null): Recipe[] {
  const q = query?.trim().toLowerCase();
  return q ? recipes.filter((r) => r.title.toLowerCase().includes(q)) : recipes;
}

export function getRecipe(slug: string): Recipe | undefined {
  return recipes.find((r) => r.slug === slug);
}
