import '@fontsource/fira-sans/400.css';
import '@fontsource/fira-sans/600.css';
import '@fontsource/fira-sans/700.css';
import './ui/app.css';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isProblem } from './api/problem';
import { LocaleProvider } from './i18n/LocaleProvider';
import { createAppRouter } from './router';

const queryClient = new QueryClient({
  defaultOptions: {
    // A refused request (4xx) is an answer, not a glitch: retry only network errors and 5xx, once.
    queries: { retry: (count, e) => count < 1 && !(isProblem(e) && e.status < 500), refetchOnWindowFocus: false, staleTime: 5_000 },
  },
});
const router = createAppRouter(queryClient);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <LocaleProvider>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </LocaleProvider>
  </StrictMode>,
);
