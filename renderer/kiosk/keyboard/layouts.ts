/**
 * One layout per kind of field (ux.md K18). Kept free of the keyboard library
 * so that screens can name a layout without pulling the library into the
 * initial bundle.
 */
export type KeyboardKind = 'digits' | 'idNumber' | 'pinyin' | 'latin';

export interface KeyboardLayout {
  layout: Record<string, string[]>;
  /** Pinyin syllables turn into candidate characters (K19). */
  candidates: boolean;
}

const DIGITS = ['1 2 3', '4 5 6', '7 8 9', '{clear} 0 {bksp}'];

export const LAYOUTS: Record<KeyboardKind, KeyboardLayout> = {
  digits: { layout: { default: DIGITS }, candidates: false },
  // GB 11643: the check digit of a resident ID number may be X.
  idNumber: { layout: { default: ['1 2 3', '4 5 6', '7 8 9', 'X 0 {bksp}'] }, candidates: false },
  pinyin: {
    layout: {
      default: ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'q w e r t y u i o p', 'a s d f g h j k l -', '{shift} z x c v b n m {space}'],
      shift: ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'Q W E R T Y U I O P', 'A S D F G H J K L -', '{shift} Z X C V B N M {space}'],
    },
    candidates: true,
  },
  // Passport and badge codes are capitals and digits only.
  latin: {
    layout: { default: ['1 2 3 4 5 6 7 8 9 0 {bksp}', 'Q W E R T Y U I O P', 'A S D F G H J K L', 'Z X C V B N M {clear}'] },
    candidates: false,
  },
};
