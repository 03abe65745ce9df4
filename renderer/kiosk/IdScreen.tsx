import { ID_TYPES } from '../../shared/domain/visit';
import { useT } from '../i18n';
import { ConsentBox } from './ConsentBox';
import { afterIdentity, checkStep } from './finish';
import { QuestionScreen } from './Layout';
import { PhotoCapture } from './PhotoCapture';
import { useKiosk } from './store';
import { TextField } from './TextField';
import { useAutoFocus } from './useAutoFocus';

/** Identity document with its own consent tick (PIPL, K17) and an optional photo. */
export function IdScreen(): React.JSX.Element {
  const t = useT();
  const idType = useKiosk((s) => s.draft.idType);
  const idNumber = useKiosk((s) => s.draft.idNumber);
  const patch = useKiosk((s) => s.patch);
  const ref = useAutoFocus<HTMLInputElement>();
  return (
    <QuestionScreen
      title={t('kiosk.id.title')}
      wide
      keyboardWhileFocused
      keyboard={{ kind: idType === 'resident' ? 'idNumber' : 'latin', value: idNumber, onChange: (v) => patch({ idNumber: v }), inputId: 'k-id-number' }}
      onContinue={() => {
        if (checkStep(['idNumber', 'consent'])) afterIdentity();
      }}
    >
      <div className="k-columns">
        <div className="k-column">
          <fieldset className="k-fieldset">
            <legend className="k-label">{t('kiosk.id.type')}</legend>
            <div className="k-options k-options-2">
              {ID_TYPES.map((type) => (
                <div className={`k-option${idType === type ? ' k-option-on' : ''}`} key={type}>
                  <input type="radio" name="idType" id={`k-idtype-${type}`} checked={idType === type} onChange={() => patch({ idType: type })} />
                  <label htmlFor={`k-idtype-${type}`}>{t(`idType.${type}`)}</label>
                </div>
              ))}
            </div>
          </fieldset>
          <TextField
            id="k-id-number"
            label={idType === 'resident' ? t('kiosk.id.numberResident') : t('kiosk.id.numberPassport')}
            value={idNumber}
            onChange={(v) => patch({ idNumber: v })}
            inputMode={idType === 'resident' ? 'numeric' : 'text'}
            inputRef={ref}
          />
        </div>
        <PhotoCapture />
      </div>
      {/* Full width so the consent reads on one line and Continue stays on screen. */}
      <ConsentBox />
    </QuestionScreen>
  );
}
