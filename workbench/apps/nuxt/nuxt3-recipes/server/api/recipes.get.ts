export default defineEventHandler(() => [
  { id: 'soup', title: 'Leek and potato soup', minutes: 40 },
  { id: 'salad', title: 'Fattoush', minutes: 15 },
])
