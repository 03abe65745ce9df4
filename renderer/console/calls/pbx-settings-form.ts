import { PBX_FORMAT_NAMES, pbxSettingsSchema, type PbxSettings } from '../../../shared/api/calls';

/** The settings form as typed: numbers stay text until Apply so a half-typed value is never coerced. */
export interface PbxDraft {
  source: PbxSettings['source'];
  serialPath: string;
  baudRate: string;
  dataBits: string;
  parity: PbxSettings['parity'];
  stopBits: string;
  flowControl: PbxSettings['flowControl'];
  tcpHost: string;
  tcpPort: string;
  format: string;
  dateOrder: PbxSettings['dateOrder'];
  charset: PbxSettings['charset'];
  silentMinutes: string;
  /** The custom layout as JSON text (fixed columns or a CSV field map). */
  customLayout: string;
}

export type PbxField = keyof PbxDraft;

/** Problem codes: `calls.settings.err.<problem>` in the catalogue. */
export interface PbxProblem {
  field: PbxField;
  problem: 'required' | 'integer' | 'range' | 'layoutJson' | 'layoutShape' | 'format';
}

export const BAUD_RATES = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200] as const;

export function draftOf(s: PbxSettings): PbxDraft {
  return {
    source: s.source,
    serialPath: s.serialPath,
    baudRate: String(s.baudRate),
    dataBits: String(s.dataBits),
    parity: s.parity,
    stopBits: String(s.stopBits),
    flowControl: s.flowControl,
    tcpHost: s.tcpHost,
    tcpPort: String(s.tcpPort),
    format: s.format,
    dateOrder: s.dateOrder,
    charset: s.charset,
    silentMinutes: String(s.silentMinutes),
    customLayout: s.customLayout === null ? '' : JSON.stringify(s.customLayout, null, 2),
  };
}

function int(text: string): number | null {
  return /^\d+$/.test(text.trim()) ? Number(text.trim()) : null;
}

/**
 * Checks the draft field by field (the fields the chosen source uses) and
 * builds the settings, keeping what the form does not show (the PBX id).
 */
export function settingsOfDraft(
  d: PbxDraft,
  base: PbxSettings,
): { settings: PbxSettings; problems: [] } | { settings: null; problems: PbxProblem[] } {
  const problems: PbxProblem[] = [];
  const number = (field: PbxField, min: number, max: number): number => {
    const n = int(d[field]);
    if (n === null)
      problems.push({ field, problem: d[field].trim() === '' ? 'required' : 'integer' });
    else if (n < min || n > max) problems.push({ field, problem: 'range' });
    return n ?? min;
  };
  const serial = d.source === 'serial';
  const tcp = d.source === 'tcpClient' || d.source === 'tcpListener';
  if (serial && d.serialPath.trim() === '')
    problems.push({ field: 'serialPath', problem: 'required' });
  const baudRate = serial ? number('baudRate', 50, 4_000_000) : (int(d.baudRate) ?? base.baudRate);
  if (d.source === 'tcpClient' && d.tcpHost.trim() === '')
    problems.push({ field: 'tcpHost', problem: 'required' });
  const tcpPort = tcp ? number('tcpPort', 1, 65535) : (int(d.tcpPort) ?? base.tcpPort);
  const silentMinutes = number('silentMinutes', 1, 1440);
  if (
    d.format !== 'auto' &&
    d.format !== 'custom' &&
    !(PBX_FORMAT_NAMES as readonly string[]).includes(d.format)
  )
    problems.push({ field: 'format', problem: 'format' });
  let customLayout: PbxSettings['customLayout'] = null;
  if (d.format === 'custom' || d.customLayout.trim() !== '') {
    if (d.customLayout.trim() === '') problems.push({ field: 'customLayout', problem: 'required' });
    else {
      let json: unknown;
      try {
        json = JSON.parse(d.customLayout);
      } catch {
        problems.push({ field: 'customLayout', problem: 'layoutJson' });
      }
      if (json !== undefined) {
        const parsed = pbxSettingsSchema.shape.customLayout.safeParse(json);
        if (parsed.success) customLayout = parsed.data;
        else problems.push({ field: 'customLayout', problem: 'layoutShape' });
      }
    }
  }
  if (problems.length > 0) return { settings: null, problems };
  const settings: PbxSettings = {
    ...base,
    source: d.source,
    serialPath: d.serialPath.trim(),
    baudRate,
    dataBits: d.dataBits === '7' ? 7 : 8,
    parity: d.parity,
    stopBits: d.stopBits === '2' ? 2 : 1,
    flowControl: d.flowControl,
    tcpHost: d.tcpHost.trim(),
    tcpPort,
    format: d.format,
    dateOrder: d.dateOrder,
    charset: d.charset,
    silentMinutes,
    customLayout,
  };
  return { settings, problems: [] };
}
