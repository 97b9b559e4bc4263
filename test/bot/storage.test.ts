import { randomUUID } from 'node:crypto';
import { MemoryStorage } from 'botbuilder';
import { RedisStorage } from '../../bot/state/redisStorage';
import { botStorageContract } from '../contracts/botStorage.contract';
import { testRedis } from '../support/redisServer';

botStorageContract('botbuilder MemoryStorage', async () => new MemoryStorage());
botStorageContract('RedisStorage', async () => new RedisStorage((await testRedis()).client(), `t:${randomUUID()}:`, 60));
