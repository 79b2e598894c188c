import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router-dom';
import { loginPathFor, useSession } from '../session.tsx';
import { Loading } from './Page.tsx';

/** Renders its children for signed-in users; sends everyone else to the login page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { session } = useSession();
  const location = useLocation();
  if (!session) return <Loading />;
  if (!session.authenticated) return <Navigate to={loginPathFor(location.pathname, location.search)} replace />;
  return children;
}
