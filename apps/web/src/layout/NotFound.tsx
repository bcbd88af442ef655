import { Link } from '@tanstack/react-router';
import { FormattedMessage } from 'react-intl';
import { layoutMessages as m } from './layout.messages';

export function NotFound() {
  return (
    <>
      <h1><FormattedMessage {...m.notFoundTitle} /></h1>
      <p><FormattedMessage {...m.notFoundText} /></p>
      <p><Link to="/"><FormattedMessage {...m.navHome} /></Link></p>
    </>
  );
}
