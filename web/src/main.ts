import urql from '@urql/vue';
import { createPinia } from 'pinia';
import { createApp } from 'vue';
import App from './app/App.vue';
import { i18n } from './app/i18n';
import { router } from './app/router';
import { urqlClient } from './app/urql';
import { registerServiceWorker } from './app/pwa';
import './styles/tokens.css';
import './styles/base.css';

const app = createApp(App);
app.use(createPinia());
app.use(i18n);
app.use(urql, urqlClient);
app.use(router);
app.mount('#app');
void registerServiceWorker();
