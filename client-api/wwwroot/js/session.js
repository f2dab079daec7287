// The signed-in key lives in this tab's session storage only: closing the tab forgets it, and it
// never appears in a URL.
const KeyItem = 'juicebox.key';
const RoleItem = 'juicebox.role';

export const session = {
  get key() { return sessionStorage.getItem(KeyItem); },
  get isOperator() { return sessionStorage.getItem(RoleItem) === 'operator'; },
  signIn(key, isOperator) {
    sessionStorage.setItem(KeyItem, key);
    sessionStorage.setItem(RoleItem, isOperator ? 'operator' : 'caller');
  },
  signOut() {
    sessionStorage.removeItem(KeyItem);
    sessionStorage.removeItem(RoleItem);
  },
};
