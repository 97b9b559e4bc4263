// @ts-check
// The trainer page: the review inbox and the model panel, for the trainer and admin roles.
// Every text from the server is set with textContent, so nothing a customer typed can run here.
import { $ } from '../kit/dom.js';
import { staffSignIn } from '../kit/signIn.js';
import { loadInbox, loadIntents, wireFilters } from './inbox.js';
import { loadJob, loadModels, wireModels } from './models.js';

const signIn = staffSignIn({
  roles: ['trainer', 'admin'],
  wrongRole: () => 'This page needs the trainer or admin role. Sign in with another account.',
  signedIn: async () => {
    $('workspace').hidden = false;
    await loadIntents();
    await Promise.all([loadInbox(), loadModels(), loadJob()]);
  },
  signedOut: () => void ($('workspace').hidden = true),
});

wireFilters();
wireModels();
void signIn.start();
