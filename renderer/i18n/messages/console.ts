import { defineMessages } from '../define';

export const consoleMessages = defineMessages({ 'console.title': '总台' }, { 'console.title': 'Front desk' });
