import { bootstrapService } from '@cabs/platform';
import { AppModule } from './app.module.js';

await bootstrapService(AppModule);
