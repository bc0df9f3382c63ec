import { servicePrismaConfig } from '../../libs/postgres/src/prisma-config.js';

export default servicePrismaConfig();
