import type { AccessHolder } from '../../shared/api/cards';
import type { IdCard } from '../../shared/domain/card';

/** A card as one line of the access system's import layout: the hub's number and the credential id the doors open on. */
export function holderOf(c: IdCard, action: AccessHolder['action']): AccessHolder {
  return {
    cardNumber: c.number,
    credentialId: c.encoded,
    holderName: c.holderName,
    company: c.company,
    idNumber: c.idNumber,
    phone: c.phone,
    areas: c.areas,
    validFrom: c.validFrom,
    validTo: c.validTo,
    action,
  };
}
