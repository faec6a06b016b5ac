export interface Movie {
  id: number;
  title: string;
  year: number;
  director: string;
  genres: string[];
  rating: number;
  synopsis: string;
}

export const movies: Movie[] = [
  {
    id: 1,
    title: 'Spirited Away',
    year: 2001,
    director: 'Hayao Miyazaki',
    genres: ['Animation', 'Fantasy'],
    rating: 8.6,
    synopsis: 'A girl wanders into a world of spirits and must work in a bathhouse to free her parents.',
  },
  {
    id: 2,
    title: 'Alien',
    year: 1979,
    director: 'Ridley Scott',
    genres: ['Horror', 'Sci-Fi'],
    rating: 8.5,
    synopsis: 'The crew of a commercial spacecraft meets a deadly life form.',
  },
  {
    id: 3,
    title: 'Amélie',
    year: 2001,
    director: 'Jean-Pierre Jeunet',
    genres: ['Comedy', 'Romance'],
    rating: 8.3,
    synopsis: 'A shy waitress in Montmartre decides to change the lives of those around her.',
  },
  {
    id: 4,
    title: 'Parasite',
    year: 2019,
    director: 'Bong Joon-ho',
    genres: ['Drama', 'Thriller'],
    rating: 8.5,
    synopsis: 'A poor family schemes to become employed by a wealthy household.',
  },
  {
    id: 5,
    title: 'Arrival',
    year: 2016,
    director: 'Denis Villeneuve',
    genres: ['Drama', 'Sci-Fi'],
    rating: 7.9,
    synopsis: 'A linguist works to talk with visitors who have landed around the world.',
  },
];

export function findMovie(id: number): Movie | undefined {
  return movies.find((movie) => movie.id === id);
}
