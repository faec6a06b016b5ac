export type Habit = {
	id: string;
	name: string;
	streak: number;
};

export const habits: Habit[] = [
	{ id: 'water', name: 'Drink water', streak: 12 },
	{ id: 'walk', name: 'Evening walk', streak: 4 },
	{ id: 'read', name: 'Read 20 pages', streak: 0 }
];
