import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { api, errorMessage, onSessionExpired, setCsrfToken, type SessionInfo } from './api.ts';

/** A one-time message shown on the login page. */
export type SessionNotice = 'expired' | 'loggedOut' | 'loggedOutEverywhere' | null;

interface SessionContextValue {
  /** null while the first GET /api/session is under way. */
  session: SessionInfo | null;
  /** Set when the session could not be loaded at all (server unreachable). */
  loadError: string | null;
  notice: SessionNotice;
  clearNotice(): void;
  refresh(): Promise<SessionInfo>;
  logIn(email: string, password: string): Promise<void>;
  logOut(): Promise<void>;
  logOutEverywhere(): Promise<void>;
}

const SessionContext = createContext<SessionContextValue | null>(null);

/** Only paths inside the application may be targets of `?weiter=`. */
export function safeReturnPath(value: string | null): string {
  if (!value || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  return value;
}

export function loginPathFor(pathname: string, search = ''): string {
  const target = `${pathname}${search}`;
  if (pathname === '/anmelden' || target === '/') return '/anmelden';
  return `/anmelden?weiter=${encodeURIComponent(target)}`;
}

/** Loads the session, keeps the CSRF token current and sends expired sessions to the login page. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notice, setNotice] = useState<SessionNotice>(null);
  const navigate = useNavigate();
  const location = useLocation();
  // navigate() changes identity with the location; the handlers below must not.
  const locationRef = useRef(location);
  const navigateRef = useRef(navigate);
  useEffect(() => {
    locationRef.current = location;
    navigateRef.current = navigate;
  }, [location, navigate]);

  const apply = useCallback((info: SessionInfo) => {
    setCsrfToken(info.csrfToken);
    setSession(info);
    return info;
  }, []);

  const refresh = useCallback(async () => apply(await api.session()), [apply]);

  const expired = useCallback(() => {
    const { pathname, search } = locationRef.current;
    setNotice('expired');
    navigateRef.current(loginPathFor(pathname, search), { replace: true });
  }, []);

  useEffect(() => {
    let active = true;
    api
      .session()
      .then((info) => {
        if (!active) return;
        apply(info);
        if (info.sessionExpired) expired();
      })
      .catch((error: unknown) => {
        if (active) setLoadError(errorMessage(error));
      });
    return () => {
      active = false;
    };
  }, [apply, expired]);

  useEffect(() => {
    onSessionExpired(() => {
      // The server has cleared the cookie; fetch a fresh anonymous CSRF token for the login.
      refresh().catch(() => undefined);
      expired();
    });
    return () => onSessionExpired(null);
  }, [expired, refresh]);

  const logIn = useCallback(
    async (email: string, password: string) => {
      const result = await api.logIn(email, password);
      setCsrfToken(result.csrfToken);
      await refresh();
      setNotice(null);
    },
    [refresh],
  );

  const logOut = useCallback(async () => {
    await api.logOut();
    await refresh();
    setNotice('loggedOut');
    navigateRef.current('/anmelden');
  }, [refresh]);

  const logOutEverywhere = useCallback(async () => {
    await api.logOutEverywhere();
    await refresh();
    setNotice('loggedOutEverywhere');
    navigateRef.current('/anmelden');
  }, [refresh]);

  const clearNotice = useCallback(() => setNotice(null), []);

  const value = useMemo(
    () => ({ session, loadError, notice, clearNotice, refresh, logIn, logOut, logOutEverywhere }),
    [session, loadError, notice, clearNotice, refresh, logIn, logOut, logOutEverywhere],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession outside SessionProvider');
  return value;
}
