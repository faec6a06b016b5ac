import { NextResponse } from 'next/server';

import { plans } from '@/lib/plans';

export function GET() {
  return NextResponse.json({ plans });
}
