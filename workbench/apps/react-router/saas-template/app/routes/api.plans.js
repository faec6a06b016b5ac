import { plans } from '../lib/plans.js';

// Resource route: JSON for the pricing widget on the marketing site.
export function loader() {
  return Response.json({ plans });
}
