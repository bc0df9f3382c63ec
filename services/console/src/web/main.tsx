import { render } from 'preact';
import '@fontsource-variable/inter';
import '@fontsource-variable/jetbrains-mono';
import './styles/tokens.css';
import './styles/layout.css';
import './styles/tiles.css';
import './styles/flow.css';
import './styles/panels.css';
import './styles/narrow-screens.css';
import { App } from './app.js';

render(<App />, document.getElementById('console') as HTMLElement);
