import { habits } from '$lib/habits';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = () => {
	return { habits, today: new Date().toISOString().slice(0, 10) };
};
