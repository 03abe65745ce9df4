import type { PbxSettings } from '../../../shared/api/calls';
import { SmdrError } from '../../../hardware/pbx/errors';
import { customFormat } from '../../../hardware/pbx/formats/custom';
import { formatByName } from '../../../hardware/pbx/formats/index';
import type { SmdrFormat } from '../../../hardware/pbx/formats/types';

/** The `format` setting as the link takes it: `auto`, a built-in format, or the site's custom layout. */
export function formatOfSetting(name: string, layout: PbxSettings['customLayout']): SmdrFormat | 'auto' {
  if (name === 'auto') return 'auto';
  if (name === 'custom') {
    if (layout === null) throw new SmdrError('smdr.usage', 'format "custom" needs a custom layout');
    return customFormat(layout);
  }
  return formatByName(name);
}
