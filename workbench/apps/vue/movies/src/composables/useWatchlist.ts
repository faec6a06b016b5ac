import { computed, ref, watch } from 'vue';

import { movies, type Movie } from '../data/movies';

const STORAGE_KEY = 'movies.watchlist';

function load(): number[] {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? (JSON.parse(raw) as number[]) : [];
  } catch {
    return [];
  }
}

// Module-level state: every component shares one watchlist.
const ids = ref<number[]>(load());
watch(ids, (value) => localStorage.setItem(STORAGE_KEY, JSON.stringify(value)), { deep: true });

export function useWatchlist() {
  const items = computed<Movie[]>(() => movies.filter((movie) => ids.value.includes(movie.id)));

  function has(id: number): boolean {
    return ids.value.includes(id);
  }

  function toggle(id: number): void {
    ids.value = has(id) ? ids.value.filter((other) => other !== id) : [...ids.value, id];
  }

  return { items, has, toggle };
}
