import { randomUUID } from 'node:crypto';
import { MemoryReviewInbox } from '../../../training/review/memoryReviewInbox';
import { RedisReviewInbox } from '../../../training/review/redisReviewInbox';
import { reviewInboxContract } from '../../contracts/reviewInbox.contract';
import { testRedis } from '../../support/redisServer';

reviewInboxContract('memory', async (max) => new MemoryReviewInbox(max));
reviewInboxContract('redis', async (max) => {
  const redis = (await testRedis()).client();
  const inbox = new RedisReviewInbox(redis, `test:${randomUUID()}:`, max);
  inbox.close = async () => void redis.disconnect();
  return inbox;
});
