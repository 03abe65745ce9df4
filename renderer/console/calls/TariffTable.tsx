import { useId, useState } from 'react';
import { TARIFF_UNITS, type Tariff, type TariffUnit } from '../../../shared/domain/switchboard';
import { newId } from '../../db/ids';
import { useT } from '../../i18n';
import { useActor } from '../ui-store';
import { saveTariff } from './actions';
import { yuan } from './rating';

function TariffRow({ tariff }: { tariff: Tariff }): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const [rate, setRate] = useState(String(tariff.ratePerMinute));
  const save = (): void => {
    const n = Number(rate);
    if (Number.isFinite(n) && n >= 0 && n !== tariff.ratePerMinute) void saveTariff({ ...tariff, ratePerMinute: n }, actor);
  };
  return (
    <tr>
      <td className="num">{tariff.prefix || t('calls.tariff.anyPrefix')}</td>
      <td>{tariff.label}</td>
      <td>{t(`calls.tariff.unit.${tariff.unit}`)}</td>
      <td className="num right">
        <input
          className="rate"
          inputMode="decimal"
          aria-label={t('calls.tariff.rateOf', { label: tariff.label })}
          value={rate}
          onChange={(e) => setRate(e.target.value)}
          onBlur={save}
          onKeyDown={(e) => {
            if (e.key === 'Enter') save();
          }}
        />
      </td>
      <td className="num right">{yuan(tariff.connectionFee)}</td>
    </tr>
  );
}

/** The tariff table (R-C9): dialled prefix → yuan per started minute or per started 6 s; the longest prefix wins. */
export function TariffTable({ tariffs }: { tariffs: readonly Tariff[] }): React.JSX.Element {
  const t = useT();
  const actor = useActor();
  const id = useId();
  const [prefix, setPrefix] = useState('');
  const [label, setLabel] = useState('');
  const [rate, setRate] = useState('');
  const [unit, setUnit] = useState<TariffUnit>('minute');
  const add = async (e: React.FormEvent): Promise<void> => {
    e.preventDefault();
    const n = Number(rate);
    if (!/^\d+$/.test(prefix) || !label.trim() || !Number.isFinite(n) || n < 0) return;
    await saveTariff({ id: newId(), prefix, label: label.trim(), ratePerMinute: n, unit, connectionFee: 0 }, actor);
    setPrefix('');
    setLabel('');
    setRate('');
  };
  const sorted = [...tariffs].sort((a, b) => a.prefix.localeCompare(b.prefix));
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('calls.tariff')}</h3>
      <table className="console-table" aria-labelledby={`${id}-h`}>
        <thead>
          <tr>
            <th scope="col">{t('calls.tariff.prefix')}</th>
            <th scope="col">{t('calls.tariff.label')}</th>
            <th scope="col">{t('calls.tariff.unit')}</th>
            <th scope="col" className="num right">{t('calls.tariff.rate')}</th>
            <th scope="col" className="num right">{t('calls.tariff.fee')}</th>
          </tr>
        </thead>
        <tbody>
          {sorted.map((x) => (
            <TariffRow key={x.id} tariff={x} />
          ))}
        </tbody>
      </table>
      <form className="form tariff-add" onSubmit={(e) => void add(e)}>
        <div className="row">
          <div className="field">
            <label htmlFor={`${id}-p`}>{t('calls.tariff.prefix')}</label>
            <input id={`${id}-p`} inputMode="numeric" value={prefix} onChange={(e) => setPrefix(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-l`}>{t('calls.tariff.label')}</label>
            <input id={`${id}-l`} value={label} onChange={(e) => setLabel(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-r`}>{t('calls.tariff.rate')}</label>
            <input id={`${id}-r`} inputMode="decimal" value={rate} onChange={(e) => setRate(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={`${id}-u`}>{t('calls.tariff.unit')}</label>
            <select id={`${id}-u`} value={unit} onChange={(e) => setUnit(TARIFF_UNITS.find((u) => u === e.target.value) ?? 'minute')}>
              {TARIFF_UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`calls.tariff.unit.${u}`)}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="btn">
            {t('calls.tariff.add')}
          </button>
        </div>
      </form>
    </section>
  );
}
