import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation } from 'react-router-dom';
import { useAnnounce } from './Announcer.tsx';

/** The key React Router gives the location of the initial page load. */
const INITIAL_LOCATION_KEY = 'default';

/**
 * Frame of every page: sets the document title ("Atlas – Planwerk"), renders the one h1
 * and, after a client-side navigation, moves focus to that heading and announces the page.
 */
export function Page({
  title,
  documentTitle = title,
  children,
  className,
}: {
  title: string;
  /** Shorter name for the browser tab, when the heading is long. */
  documentTitle?: string;
  children?: ReactNode;
  className?: string;
}) {
  const { t } = useTranslation();
  const location = useLocation();
  const heading = useRef<HTMLHeadingElement>(null);
  const announce = useAnnounce();

  useEffect(() => {
    document.title = t('app.documentTitle', { page: documentTitle });
  }, [t, documentTitle]);

  useEffect(() => {
    if (location.key === INITIAL_LOCATION_KEY) return;
    heading.current?.focus();
    announce(document.title);
  }, [location.key, announce]);

  return (
    <div className={className ? `page ${className}` : 'page'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}

/** Placeholder while a page or its data loads. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p className="loading" role="status">
      {t('app.loading')}
    </p>
  );
}
