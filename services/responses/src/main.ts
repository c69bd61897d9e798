import './instrument';
import { bootstrapService } from '@delaktig/service-kit';
import { AppModule } from './app/app.module';
import { config } from './config';

bootstrapService({ service: 'responses', module: AppModule.forRoot(config), config, consumerGroup: 'responses' }).catch((e) => {
  process.stderr.write(JSON.stringify({ level: 'fatal', service: 'responses', msg: 'start-up failed', err: (e as Error).message }) + '\n');
  process.exit(1);
});
