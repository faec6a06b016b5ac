import { init as go, track } from "@amplitude/unified";
go(k);
