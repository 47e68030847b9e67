globalThis.__lqsFirstScreen = (globalThis.browser ?? chrome).storage.local
  .get('firstScreen')
  .then((i) => i.firstScreen);
