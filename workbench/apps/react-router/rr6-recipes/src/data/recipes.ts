export type Recipe = { id: string; title: string; minutes: number; steps: string[] }

export const recipes: Recipe[] = [
  { id: 'shakshuka', title: 'Shakshuka', minutes: 25, steps: ['Soften onions and peppers', 'Add tomatoes', 'Poach the eggs'] },
  { id: 'dal', title: 'Red lentil dal', minutes: 35, steps: ['Rinse the lentils', 'Simmer with spices', 'Finish with tadka'] },
]
