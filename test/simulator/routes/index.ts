// Every versioned endpoint, matched against the path after /api/{version}.
import { cancelRoute } from './cancel';
import { jobListRoutes } from './jobLists';
import { jobRoutes } from './jobs';
import { sessionRoutes } from './session';
import type { Route } from './types';

export const routes: readonly Route[] = [...sessionRoutes, ...jobListRoutes, cancelRoute, ...jobRoutes];
export type { Route, RouteContext, SimulatorState } from './types';
