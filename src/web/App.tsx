import { lazy } from 'react';
import { Route, Routes } from 'react-router-dom';
import { AnnouncerProvider } from './components/Announcer.tsx';
import { Layout } from './components/Layout.tsx';
import { RequireAuth } from './components/RequireAuth.tsx';
import { MODULES } from './modules.ts';
import { SessionProvider } from './session.tsx';

const StartPage = lazy(() => import('./pages/StartPage.tsx'));
const ModulePage = lazy(() => import('./pages/ModulePage.tsx'));
const AtlasPage = lazy(() => import('./pages/atlas/AtlasPage.tsx'));
const ProfilePage = lazy(() => import('./pages/atlas/ProfilePage.tsx'));
const IndicatorsPage = lazy(() => import('./pages/atlas/IndicatorsPage.tsx'));
const ViewsPage = lazy(() => import('./pages/atlas/ViewsPage.tsx'));
const CompositeIndexPage = lazy(() => import('./pages/atlas/CompositeIndexPage.tsx'));
const ServiceMapPage = lazy(() => import('./pages/services/ServiceMapPage.tsx'));
const GapAnalysisPage = lazy(() => import('./pages/services/GapAnalysisPage.tsx'));
const PlaceLocationsPage = lazy(() => import('./pages/services/PlaceLocationsPage.tsx'));
const ServiceDetailPage = lazy(() => import('./pages/services/ServiceDetailPage.tsx'));
const RegisterPage = lazy(() => import('./pages/services/RegisterPage.tsx'));
const RegisterEditPage = lazy(() => import('./pages/services/RegisterEditPage.tsx'));
const ReviewPage = lazy(() => import('./pages/services/ReviewPage.tsx'));
const TaxonomyPage = lazy(() => import('./pages/services/TaxonomyPage.tsx'));
const LoginPage = lazy(() => import('./pages/LoginPage.tsx'));
const AccountPage = lazy(() => import('./pages/AccountPage.tsx'));
const AdminPage = lazy(() => import('./pages/AdminPage.tsx'));
const ImportPage = lazy(() => import('./pages/ImportPage.tsx'));
const AccessibilityPage = lazy(() => import('./pages/AccessibilityPage.tsx'));
const ContactPage = lazy(() => import('./pages/ContactPage.tsx'));
const NotFoundPage = lazy(() => import('./pages/NotFoundPage.tsx'));

/** Routes (German paths); the server answers every non-API path with index.html. */
export function App() {
  return (
    <SessionProvider>
      <AnnouncerProvider>
        <Routes>
          <Route element={<Layout />}>
            <Route index element={<StartPage />} />
            <Route path="/atlas" element={<AtlasPage />} />
            <Route path="/atlas/gebiet/:tenantKey/:region" element={<ProfilePage />} />
            <Route
              path="/atlas/indikatoren"
              element={
                <RequireAuth>
                  <IndicatorsPage />
                </RequireAuth>
              }
            />
            <Route path="/atlas/index" element={<CompositeIndexPage />} />
            <Route path="/atlas/ansichten" element={<ViewsPage />} />
            <Route path="/angebote" element={<ServiceMapPage />} />
            <Route
              path="/angebote/abgleich"
              element={
                <RequireAuth>
                  <GapAnalysisPage />
                </RequireAuth>
              }
            />
            <Route
              path="/angebote/verortung"
              element={
                <RequireAuth>
                  <PlaceLocationsPage />
                </RequireAuth>
              }
            />
            <Route
              path="/angebote/register"
              element={
                <RequireAuth>
                  <RegisterPage />
                </RequireAuth>
              }
            />
            <Route
              path="/angebote/register/:serviceId"
              element={
                <RequireAuth>
                  <RegisterEditPage />
                </RequireAuth>
              }
            />
            <Route
              path="/angebote/pruefung"
              element={
                <RequireAuth>
                  <ReviewPage />
                </RequireAuth>
              }
            />
            <Route
              path="/angebote/taxonomie"
              element={
                <RequireAuth>
                  <TaxonomyPage />
                </RequireAuth>
              }
            />
            <Route path="/angebote/:tenantKey/:serviceId" element={<ServiceDetailPage />} />
            {MODULES.filter((m) => !m.available).map((m) => (
              <Route key={m.id} path={m.path} element={<ModulePage moduleId={m.id} />} />
            ))}
            <Route path="/anmelden" element={<LoginPage />} />
            <Route
              path="/konto"
              element={
                <RequireAuth>
                  <AccountPage />
                </RequireAuth>
              }
            />
            <Route
              path="/verwaltung"
              element={
                <RequireAuth>
                  <AdminPage />
                </RequireAuth>
              }
            />
            <Route
              path="/daten/import"
              element={
                <RequireAuth>
                  <ImportPage />
                </RequireAuth>
              }
            />
            <Route path="/barrierefreiheit" element={<AccessibilityPage />} />
            <Route path="/kontakt" element={<ContactPage />} />
            <Route path="*" element={<NotFoundPage />} />
          </Route>
        </Routes>
      </AnnouncerProvider>
    </SessionProvider>
  );
}
