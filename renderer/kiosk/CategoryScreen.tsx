import { VISIT_CATEGORIES } from '../../shared/domain/visit';
import { useT } from '../i18n';
import { FieldError, useDescribedBy } from './ErrorSummary';
import { checkStep } from './finish';
import { QuestionScreen } from './Layout';
import { useKiosk } from './store';
import { TextField } from './TextField';

/** The visit category decides escort and NDA (R-V6); the purpose is optional. */
export function CategoryScreen(): React.JSX.Element {
  const t = useT();
  const category = useKiosk((s) => s.draft.category);
  const purpose = useKiosk((s) => s.draft.purpose);
  const patch = useKiosk((s) => s.patch);
  const { describedBy, invalid } = useDescribedBy('k-category-business', false);
  return (
    <QuestionScreen
      title={t('kiosk.category.title')}
      keyboard={{ kind: 'pinyin', value: purpose, onChange: (v) => patch({ purpose: v }), inputId: 'k-purpose' }}
      // The purpose is optional: its keyboard opens when the visitor taps the box.
      keyboardWhileFocused={false}
      onContinue={() => {
        if (checkStep(['category', 'purpose'])) useKiosk.getState().go('host');
      }}
    >
      <fieldset className={`k-fieldset${invalid ? ' k-field-invalid' : ''}`}>
        <legend className="visually-hidden">{t('kiosk.category.title')}</legend>
        <FieldError inputId="k-category-business" />
        <div className="k-options">
          {VISIT_CATEGORIES.map((c) => (
            <div className={`k-option${category === c ? ' k-option-on' : ''}`} key={c}>
              <input
                type="radio"
                name="category"
                id={`k-category-${c}`}
                value={c}
                checked={category === c}
                aria-describedby={c === 'business' ? describedBy : undefined}
                onChange={() => patch({ category: c })}
              />
              <label htmlFor={`k-category-${c}`}>{t(`category.${c}`)}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <TextField id="k-purpose" label={t('kiosk.category.purpose')} value={purpose} onChange={(v) => patch({ purpose: v })} />
    </QuestionScreen>
  );
}
