import { defineMessages } from '../define';

export const kiosk = defineMessages({ 'kiosk.welcome.title': '欢迎光临' }, { 'kiosk.welcome.title': 'Welcome' });
