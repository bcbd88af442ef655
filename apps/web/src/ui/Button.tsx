import { Button as AriaButton, type ButtonProps } from 'react-aria-components';

type Variant = 'primary' | 'secondary' | 'danger' | 'quiet';

export function Button({ variant = 'primary', size, className, ...props }: ButtonProps & { variant?: Variant; size?: 'small' }) {
  const cls = ['btn', variant !== 'primary' && variant, size, className].filter(Boolean).join(' ');
  return <AriaButton {...props} className={cls} />;
}
