import { tagOperation } from './tagging';

export const { description, execute } = tagOperation('removeTag');
