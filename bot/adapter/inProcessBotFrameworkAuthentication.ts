import { ConfigurationBotFrameworkAuthentication, type Activity } from 'botbuilder';
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorFactory } from 'botframework-connector';
import { forbidden } from '../../platform/errors';

/**
 * Bot Framework authentication for a bot whose only channel lives in the same process: every
 * connector (replies, `continueConversationAsync`) is the in-process one, and no HTTP request
 * is ever authenticated here: there is no `/api/messages` endpoint to call.
 */
export class InProcessBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(private readonly connectorFactory: ConnectorFactory) {
    super({});
  }

  override createConnectorFactory(_claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.connectorFactory;
  }

  override async authenticateRequest(_activity: Activity, _authHeader: string): Promise<AuthenticateRequestResult> {
    throw forbidden('This bot accepts activities from its in-process channel only.');
  }

  override async authenticateStreamingRequest(_authHeader: string, _channelIdHeader: string): Promise<AuthenticateRequestResult> {
    throw forbidden('This bot accepts activities from its in-process channel only.');
  }

  override async authenticateChannelRequest(_authHeader: string): Promise<ClaimsIdentity> {
    throw forbidden('This bot accepts activities from its in-process channel only.');
  }
}
