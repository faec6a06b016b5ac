const plants = [
  { id: 'tomato', name: 'Tomatoes', bed: 'A', sown: 'April' },
  { id: 'bean', name: 'Runner beans', bed: 'B', sown: 'May' },
  { id: 'chard', name: 'Rainbow chard', bed: 'C', sown: 'March' },
]

export default defineEventHandler(() => plants)
